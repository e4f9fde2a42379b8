import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { CamundaRestClient } from './camunda-rest.client';
import { DeployedForms } from './deployed-forms';
import { ProcessDeployer } from './process-deployer.service';
import { TaskChangeNotifier } from './task-change-notifier';
import { WorkerRuntime } from './worker-runtime/worker-runtime.service';

@Module({
  imports: [DiscoveryModule, AuditModule],
  providers: [CamundaRestClient, DeployedForms, ProcessDeployer, WorkerRuntime, TaskChangeNotifier],
  exports: [CamundaRestClient, DeployedForms, ProcessDeployer, WorkerRuntime, TaskChangeNotifier],
})
export class CamundaModule {}
