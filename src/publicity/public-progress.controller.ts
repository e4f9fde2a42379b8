import { RateLimited } from '../hardening/rate-limit.decorator';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ProgressQueryDto } from './dto/progress-query.dto';
import { PublicProgressService } from './public-progress.service';

@ApiTags('public')
@Controller('public')
export class PublicProgressController {
  constructor(private readonly progress: PublicProgressService) {}

  @Public()
  @RateLimited('publicQuery')
  @Get('progress')
  @ApiOperation({ summary: 'Redacted progress of one petition, for its petitioner (number + query code, no sign-in)' })
  find(@Query() query: ProgressQueryDto) {
    return this.progress.progress(query.number, query.code);
  }
}
