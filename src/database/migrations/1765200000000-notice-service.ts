import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/** 送达: the day a printed notice reached the petitioner (in person, or the date on a posted letter's return receipt). */
export class NoticeService1765200000000 implements MigrationInterface {
  name = 'NoticeService1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, time } = columnsFor(queryRunner);
    await queryRunner.addColumns('notification', [new TableColumn(time('servedAt', true)), new TableColumn(str('serviceMethod', 16, true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('notification', 'serviceMethod');
    await queryRunner.dropColumn('notification', 'servedAt');
  }
}
