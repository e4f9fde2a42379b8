import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ATTACHMENT_STAGES, AttachmentStage } from '../attachment.entity';

/** The text fields of the multipart upload; the files come in the `file` field. */
export class UploadAttachmentsDto {
  @ApiProperty({ enum: ATTACHMENT_STAGES, description: 'materials: handed in at registration; evidence: investigation; reply: annex to the reply' })
  @IsIn(ATTACHMENT_STAGES)
  stage!: AttachmentStage;

  @ApiPropertyOptional({ description: 'The task the files were added for' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9-]+$/)
  taskId?: string;
}
