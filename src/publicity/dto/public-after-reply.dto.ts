import { IntersectionType } from '@nestjs/swagger';
import { RatingDto } from '../../rating/dto/rating.dto';
import { ReviewRequestDto } from '../../review/dto/review-request.dto';
import { ProgressQueryDto } from './progress-query.dto';

/** A rating given on the public page: the receipt's number and query code, and the two ratings. */
export class PublicRatingDto extends IntersectionType(ProgressQueryDto, RatingDto) {}

/** A review request made on the public page: the receipt's number and query code, and the reasons. */
export class PublicReviewRequestDto extends IntersectionType(ProgressQueryDto, ReviewRequestDto) {}
