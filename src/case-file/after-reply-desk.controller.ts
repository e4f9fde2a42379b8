import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RecordedRatingDto } from '../rating/dto/rating.dto';
import { RatingService } from '../rating/rating.service';
import { RecordedReviewRequestDto } from '../review/dto/review-request.dto';
import { ReviewRequestService } from '../review/review-requests.service';
import { PetitionQueries } from './petition-queries.service';

/** What a registrar takes down for a petitioner who phones or comes in after the reply. */
@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class AfterReplyDeskController {
  constructor(
    private readonly queries: PetitionQueries,
    private readonly ratings: RatingService,
    private readonly reviews: ReviewRequestService,
  ) {}

  @Post(':id/rating')
  @HttpCode(201)
  @Audit({ action: 'petition.rate', resourceType: 'petition', idParam: 'id' })
  @ApiOperation({ summary: '满意度评价 given by phone or in person, taken down by a registrar (once per reply, while its window is open)' })
  async rate(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RecordedRatingDto) {
    await this.queries.requireForRecording(principal, id);
    return this.ratings.rate(id, dto, { channel: dto.channel, actor: principal.username, unitCode: principal.unitCode });
  }

  @Post(':id/review-request')
  @HttpCode(201)
  @Audit({ action: 'petition.request-review', resourceType: 'petition', idParam: 'id' })
  @ApiOperation({ summary: '申请复查 / 复核 made by phone or in person, taken down by a registrar (Art. 35, 36)' })
  async requestReview(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RecordedReviewRequestDto) {
    await this.queries.requireForRecording(principal, id);
    return this.reviews.request(id, dto.reasons, { channel: dto.channel, actor: principal.username });
  }
}
