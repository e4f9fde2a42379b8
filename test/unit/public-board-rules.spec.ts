import { BOARD_RETENTION_YEARS, boardText, retentionCutoff } from '../../src/public-board/board-rules';

describe('what the public board shows of free text', () => {
  it('masks identifiers as the rest of the product does, and cuts the names given to their first character', () => {
    const text = '欧阳明反映：身份证110105194912310021，电话13912345678，邮箱ouyang@example.com，律师司马光陪同';
    const shown = boardText(text, ['欧阳明', '司马光']);
    expect(shown).toBe('欧**反映：身份证1101**********0021，电话139****5678，邮箱***@***，律师司**陪同');
  });

  it('masks the longer of two overlapping names first, and leaves one-character names alone', () => {
    expect(boardText('欧阳与欧阳明', ['欧阳', '欧阳明'])).toBe('欧*与欧**');
    expect(boardText('王来了', ['王', ' '])).toBe('王来了');
  });

  it('changes nothing in text without identifiers or names', () => {
    expect(boardText('小区外墙脱落无人维修')).toBe('小区外墙脱落无人维修');
  });
});

describe('the retention period of the public board', () => {
  it('is 3 years back from now, to the millisecond', () => {
    expect(BOARD_RETENTION_YEARS).toBe(3);
    expect(retentionCutoff(new Date('2026-05-10T08:00:00.123Z')).toISOString()).toBe('2023-05-10T08:00:00.123Z');
    // 29 February has no day three years later: Date rolls it to 1 March, a day shorter, never longer
    expect(retentionCutoff(new Date('2028-02-29T00:00:00Z')).toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });
});
