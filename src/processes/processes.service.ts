import { Injectable } from '@nestjs/common';
import { CamundaError } from '../camunda/camunda-rest.client';
import { DEPLOYABLE_EXTENSIONS, DeploymentResult, ProcessDeployer } from '../camunda/process-deployer.service';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';

export interface UploadedProcessFile {
  originalname: string;
  buffer: Buffer;
}

@Injectable()
export class ProcessesService {
  constructor(private readonly deployer: ProcessDeployer) {}

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
