import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CamundaRestClient } from './camunda-rest.client';
import { ProcessDeployer } from './process-deployer.service';
import { WorkerRuntime } from './worker-runtime/worker-runtime.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [CamundaRestClient, ProcessDeployer, WorkerRuntime],
  exports: [CamundaRestClient, ProcessDeployer, WorkerRuntime],
})
export class CamundaModule {}
