import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../hardening/rate-limit.decorator';
import { BoardFiguresService } from './board-figures.service';
import { BoardFiguresQueryDto } from './dto/board-figures-query.dto';
import { BoardQueryDto } from './dto/board-query.dto';
import { PublicBoardService } from './public-board.service';

/** 公告公示: the public notice board, no sign-in, rate-limited like the progress page. */
@ApiTags('public')
@Controller('public/board')
export class PublicBoardController {
  constructor(
    private readonly board: PublicBoardService,
    private readonly figuresOfUnits: BoardFiguresService,
  ) {}

  @Public()
  @RateLimited('publicQuery')
  @Get()
  @ApiOperation({
    summary:
      'One section of a region’s public board (its whole subtree, optionally one unit): accepted matters, results after the reply, or public hearings; newest first, redacted, no accusations, nothing withheld or taken down, nothing older than the retention period',
  })
  find(@Query() query: BoardQueryDto) {
    return this.board.board(query);
  }

  @Public()
  @RateLimited('publicQuery')
  @Get('figures')
  @ApiOperation({ summary: 'The published monthly figures of a region and of each of its units: timely acceptance, on-time reply, satisfaction (a month that has ended)' })
  figures(@Query() query: BoardFiguresQueryDto) {
    return this.figuresOfUnits.figures(query);
  }

  @Public()
  @RateLimited('publicQuery')
  @Get('regions')
  @ApiOperation({ summary: 'The regions and units a visitor can choose on the public board (public names only)' })
  choices() {
    return this.board.choices();
  }
}
