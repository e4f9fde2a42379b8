import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { languageOf } from '../common/i18n/language';
import { Audit } from '../audit/audit.decorator';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { TaskListQueryDto } from './dto/task-list-query.dto';
import { TasksService, TaskView } from './tasks.service';
import { ExtensionRequestDto } from './extension/extension-request.dto';
import { ExtensionService } from './extension/extension.service';
import { HearingRequestDto } from './hearing/hearing-request.dto';
import { HearingRequestService } from './hearing/hearing-request.service';
import { TaskForm, TaskFormService } from './form/task-form.service';
import { TaskHandOverDto } from './desk/desk.dto';
import { DeskService } from './desk/desk.service';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { OrgService } from '../org/org.service';

/** The steps whose form picks a unit (transfer, assign down, decide a dispute). */
const UNIT_PICKING_STEPS = ['accept-decision', 'decide-dispute-county', 'decide-dispute-city'];


@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly extensions: ExtensionService,
    private readonly forms: TaskFormService,
    private readonly hearings: HearingRequestService,
    private readonly desk: DeskService,
    private readonly org: OrgService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Open tasks offered to the caller's unit, earliest due first; narrowed by step and petition number" })
  list(@CurrentUser() principal: Principal, @Query() query: TaskListQueryDto): Promise<{ total: number; items: TaskView[] }> {
    return this.tasks.list(principal, query.filter ?? 'all', query.firstResult ?? 0, query.maxResults ?? 50, {
      step: query.step,
      number: query.number?.trim().toUpperCase() || undefined,
      q: query.q?.trim() || undefined,
      sort: query.sort,
      awaiting: query.awaiting,
    });
  }

  @Get('done')
  @ApiOperation({ summary: '已办: the tasks you completed, newest first (from the engine history)' })
  done(@CurrentUser() principal: Principal, @Query() query: PageQueryDto) {
    return this.desk.done(principal, query.firstResult ?? 0, query.maxResults ?? 50);
  }

  @Get(':id/page')
  @ApiOperation({
    summary: 'What the task page shows of the task, in one answer: the task (with its choices and case context), its form, and the units its step picks from',
    description: 'The petition itself comes from GET /petitions/{id}, which the web app asks for at the same time when it knows the id (from the task list).',
  })
  async page(@CurrentUser() principal: Principal, @Param('id') id: string) {
    // Side by side: the task and its form each check the task is the caller's; the units come from the org cache.
    const [task, form] = await Promise.all([
      this.tasks.findOne(principal, id),
      // The step's own form completes any task, so a form that cannot be read falls back to it.
      this.forms.formOf(principal, id).catch((): TaskForm => ({ kind: 'step' })),
    ]);
    return { task, form, units: UNIT_PICKING_STEPS.includes(task.step) ? await this.org.units() : [] };
  }

  @Get(':id/colleagues')
  @ApiOperation({ summary: 'The people of your unit who may do this task’s step (to delegate or reassign to)' })
  colleagues(@CurrentUser() principal: Principal, @Param('id') id: string) {
    return this.tasks.colleagues(principal, id);
  }

  @Post(':id/unclaim')
  @Audit({ action: 'task.unclaim', resourceType: 'task', idParam: 'id' })
  @HttpCode(200)
  @ApiOperation({ summary: '退回任务池: the task (and the case at your unit) goes back to the unit pool; by its holder or the unit head' })
  unclaim(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.unclaim(principal, id);
  }

  @Post(':id/assign')
  @Audit({ action: 'task.assign', resourceType: 'task', idParam: 'id', detail: (r) => ({ assignee: (r as { assignee?: string }).assignee }) })
  @HttpCode(200)
  @ApiOperation({ summary: '改派: the unit head hands the task to a colleague of the unit who may do the step' })
  assign(@CurrentUser() principal: Principal, @Param('id') id: string, @Body() body: TaskHandOverDto): Promise<TaskView> {
    return this.tasks.assign(principal, id, body.username);
  }

  @Post(':id/delegate')
  @Audit({ action: 'task.delegate', resourceType: 'task', idParam: 'id', detail: (r) => ({ delegate: (r as { assignee?: string }).assignee }) })
  @HttpCode(200)
  @ApiOperation({ summary: '委托: hand your task to a colleague; when they complete it, it comes back to you to complete' })
  delegate(@CurrentUser() principal: Principal, @Param('id') id: string, @Body() body: TaskHandOverDto): Promise<TaskView> {
    return this.tasks.delegate(principal, id, body.username);
  }

  @Get(':id')
  @ApiOperation({ summary: "One of your unit's tasks, with the choices its step allows you (e.g. allowed decisions)" })
  findOne(@CurrentUser() principal: Principal, @Param('id') id: string) {
    return this.tasks.findOne(principal, id);
  }

  @Get(':id/form')
  @ApiOperation({
    summary: "How the task's completion fields are drawn",
    description:
      "{kind: 'camunda-form', key, version?, schema} when the user task references a Camunda Form (camunda:formRef), " +
      "{kind: 'step'} when the web app draws the step's own form. Either way the task is completed through POST /tasks/{id}/complete.",
  })
  form(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskForm> {
    return this.forms.formOf(principal, id);
  }

  @Post(':id/claim')
  @Audit({ action: 'task.claim', resourceType: 'task', idParam: 'id' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task of your unit' })
  claim(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/complete')
  @Audit({ action: 'task.complete', resourceType: 'task', idParam: 'id' })
  @HttpCode(204)
  @ApiOperation({
    summary: 'Complete a task with its step’s form',
    description:
      'forward-to-township: {note?}; ' +
      'accept-decision: {decision: accept|decline|divert-legal|transfer|assign-down|report-up|return|dispute, ' +
      'reason (all but accept), targetUnitCode (transfer, assign-down), legalRoute (divert-legal), dueDate (assign-down)}; ' +
      'handle-petition: {findings}; reply-petition: {replyOutcome: support|explain|reject, replyText}; ' +
      'review-completion-report: {approved, reason (to send back)}; decide-dispute-county/-city: {unitCode, reason}',
  })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiResponse({ status: 202, description: 'The engine took the completion; its records are written shortly (a database fault came between)' })
  async complete(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void | { status: 'recording' | 'returned'; message: string }> {
    const outcome = await this.tasks.complete(principal, id, body);
    if (outcome === 'completed') return;
    const zh = languageOf(response.req.headers['accept-language']) === 'zh-CN';
    if (typeof outcome === 'object') {
      // A delegate's work goes back to the person who delegated it; they complete the step.
      response.status(HttpStatus.OK);
      return { ...outcome, message: zh ? `已办理，任务已退回 ${outcome.owner.name}` : `Done; the task went back to ${outcome.owner.name}` };
    }
    response.status(HttpStatus.ACCEPTED);
    return {
      status: 'recording',
      message: zh ? '任务已办理，办理记录稍后写入，请稍后刷新' : 'The task is done; its records are being written, refresh shortly',
    };
  }

  @Post(':id/hearing')
  @Audit({ action: 'task.hearing-request', resourceType: 'task', idParam: 'id' })
  @ApiOperation({
    summary: '听证: hold a hearing in this step (investigation, review or re-review); its statutory clock stands still until the hearing is concluded (Art. 36)',
    description: 'On a handle-petition, decide-review or decide-re-review task of your unit; starts schedule-hearing for your unit.',
  })
  async requestHearing(@CurrentUser() principal: Principal, @Param('id') id: string, @Body() body: HearingRequestDto) {
    const hearing = await this.hearings.request(principal, id, body);
    return { id: hearing.id, stage: hearing.stage, requestedAt: hearing.requestedAt.toISOString() };
  }

  @Post(':id/extension')
  @Audit({ action: 'task.extension-request', resourceType: 'task', idParam: 'id' })
  @ApiOperation({
    summary: 'Ask the unit head to extend the handling period (Art. 34: at most 30 days, once)',
    description: 'On a handle-petition or reply-petition task of your unit; starts an approve-extension task for the unit head.',
  })
  async requestExtension(@CurrentUser() principal: Principal, @Param('id') id: string, @Body() body: ExtensionRequestDto) {
    const request = await this.extensions.request(principal, id, body);
    return { id: request.id, days: request.days, status: request.status, requestedAt: request.requestedAt.toISOString() };
  }
}
