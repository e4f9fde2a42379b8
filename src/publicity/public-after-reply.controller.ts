import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../hardening/rate-limit.decorator';
import { RatingService } from '../rating/rating.service';
import { ReviewRequested, ReviewRequestService } from '../review/review-requests.service';
import { PublicRatingDto, PublicReviewRequestDto } from './dto/public-after-reply.dto';
import { PublicProgressService } from './public-progress.service';

/** What a petitioner does after the reply with the receipt's number and query code: rate it, ask for a review. */
@ApiTags('public')
@Controller('public')
export class PublicAfterReplyController {
  constructor(
    private readonly progress: PublicProgressService,
    private readonly ratings: RatingService,
    private readonly reviews: ReviewRequestService,
  ) {}

  @Public()
  @RateLimited('publicQuery')
  @Post('rating')
  @HttpCode(201)
  @Audit({ action: 'petition.rate', resourceType: 'petition' })
  @ApiOperation({ summary: '满意度评价: rate the reply (handling unit and petition office), once per reply, while its window is open' })
  async rate(@Body() dto: PublicRatingDto): Promise<{ ratedAt: string }> {
    const petition = await this.progress.verified(dto.number, dto.code);
    return this.ratings.rate(petition.id, dto, { channel: 'online', actor: 'public', unitCode: null });
  }

  @Public()
  @RateLimited('publicQuery')
  @Post('review-request')
  @HttpCode(201)
  @Audit({ action: 'petition.request-review', resourceType: 'petition' })
  @ApiOperation({ summary: '申请复查 / 复核: within 30 days of the reply (Art. 35) or of the review opinion (Art. 36)' })
  async requestReview(@Body() dto: PublicReviewRequestDto): Promise<ReviewRequested> {
    const petition = await this.progress.verified(dto.number, dto.code);
    return this.reviews.request(petition.id, dto.reasons, { channel: 'online', actor: 'public' });
  }
}
