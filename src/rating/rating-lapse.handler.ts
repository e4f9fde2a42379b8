import { Injectable } from '@nestjs/common';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { PetitionWork } from '../petitions/petition-work';
import { RatingService } from './rating.service';

/** The rating window of a reply closed (its timer, or a review request): unrated means 未评价. */
@Injectable()
export class RatingLapseHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly ratings: RatingService,
  ) {}

  @TopicHandler(Topic.ratingLapse)
  lapse(task: ExternalTaskContext): Promise<HandlerResult> {
    return this.work.on(task, ({ manager, petition, now }) => this.ratings.closeUnrated(manager, petition, now, task.idempotencyKey));
  }
}
