import { Injectable } from '@nestjs/common';
import { CamundaError, CamundaRestClient } from '../camunda/camunda-rest.client';
import { DEPLOYABLE_EXTENSIONS, DeploymentResult, ProcessDeployer } from '../camunda/process-deployer.service';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';

export interface UploadedProcessFile {
  originalname: string;
  buffer: Buffer;
}

@Injectable()
export class ProcessesService {
  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly deployer: ProcessDeployer,
  ) {}

  async list() {
    const definitions = await this.camunda.latestProcessDefinitions();
    return definitions.map(({ id, key, name, version, deploymentId }) => ({ id, key, name, version, deploymentId }));
  }

  async xml(key: string) {
    try {
      const definition = await this.camunda.processDefinition(key);
      const { bpmn20Xml } = await this.camunda.processDefinitionXml(key);
      return { id: definition.id, key: definition.key, version: definition.version, bpmn20Xml };
    } catch (error) {
      if (error instanceof CamundaError && error.status === 404) {
        throw new LocalizedHttpError(404, {
          'zh-CN': `未找到流程「${key}」，它可能尚未部署`,
          en: `No process "${key}" is deployed`,
        });
      }
      throw error;
    }
  }

  /** Deploys uploaded diagrams as a new version; the engine's parse errors go back to the administrator. */
  async deploy(files: UploadedProcessFile[]): Promise<DeploymentResult> {
    if (files.length === 0) {
      throw new ValidationFailedException([{ field: 'files', code: 'isNotEmpty' }]);
    }
    const unsupported = files.filter((f) => !DEPLOYABLE_EXTENSIONS.some((ext) => f.originalname.endsWith(ext)));
    if (unsupported.length > 0) {
      throw new ValidationFailedException(
        unsupported.map((f) => ({ field: 'files', code: 'unsupportedFile', params: { value: f.originalname } })),
      );
    }
    try {
      return await this.deployer.deploy(files.map((f) => ({ name: f.originalname, content: f.buffer })));
    } catch (error) {
      // The engine answers an unparsable diagram with 500 ProcessEngineException: it is still the file's fault.
      if (error instanceof CamundaError && (error.status === 400 || /ParseException|ProcessEngineException/.test(error.type))) {
        throw new LocalizedHttpError(400, {
          'zh-CN': `流程引擎拒绝了该部署：${error.message}`,
          en: `The engine refused the deployment: ${error.message}`,
        });
      }
      throw error;
    }
  }
}
