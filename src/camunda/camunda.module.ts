import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CamundaRestClient } from './camunda-rest.client';
import { ProcessDeployer } from './process-deployer.service';
import { TaskChangeNotifier } from './task-change-notifier';
import { WorkerRuntime } from './worker-runtime/worker-runtime.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [CamundaRestClient, ProcessDeployer, WorkerRuntime, TaskChangeNotifier],
  exports: [CamundaRestClient, ProcessDeployer, WorkerRuntime, TaskChangeNotifier],
})
export class CamundaModule {}
