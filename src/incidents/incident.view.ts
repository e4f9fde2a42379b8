import { ApiProperty } from '@nestjs/swagger';

export class IncidentPetitionView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'The petition number (the process business key)' })
  number!: string;
}

/** One open incident as the system administrator sees it. */
export class IncidentView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'failedExternalTask, failedJob, …' })
  type!: string;

  @ApiProperty({ description: 'The BPMN element that failed, e.g. assign-competent-unit', nullable: true, type: String })
  activityId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  processDefinitionKey!: string | null;

  @ApiProperty({ nullable: true, type: String })
  processInstanceId!: string | null;

  @ApiProperty({ description: 'The first line of the error message (no stack trace)', nullable: true, type: String })
  errorMessage!: string | null;

  @ApiProperty({ description: 'The failure looks like an outage; the periodic sweep retries it' })
  transient!: boolean;

  @ApiProperty({ description: 'When the incident was raised (ISO 8601)' })
  createdAt!: string;

  @ApiProperty({ type: IncidentPetitionView, nullable: true, description: 'The petition the process belongs to, if any' })
  petition!: IncidentPetitionView | null;
}

export class IncidentListView {
  @ApiProperty()
  total!: number;

  @ApiProperty({ type: [IncidentView] })
  items!: IncidentView[];
}

export class RetriedView {
  @ApiProperty({ description: 'How many incidents were given their retries back' })
  retried!: number;
}
