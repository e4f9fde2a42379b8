import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { CamundaRestClient } from './camunda-rest.client';
import { DeployedForms } from './deployed-forms';
import { EngineDeadlines } from './engine-deadlines';
import { ProcessDeployer } from './process-deployer.service';
import { TaskChangeNotifier } from './task-change-notifier';
import { WorkerRuntime } from './worker-runtime/worker-runtime.service';

@Module({
  imports: [DiscoveryModule, AuditModule],
  providers: [CamundaRestClient, DeployedForms, ProcessDeployer, WorkerRuntime, TaskChangeNotifier, EngineDeadlines],
  exports: [CamundaRestClient, DeployedForms, ProcessDeployer, WorkerRuntime, TaskChangeNotifier, EngineDeadlines],
})
export class CamundaModule {}
