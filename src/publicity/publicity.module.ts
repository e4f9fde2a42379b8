import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { PublicizeHandler } from './publicize.handler';

/** Publishing a case's public record once it is closed. */
@Module({ imports: [PetitionsModule, OrgModule], providers: [PublicizeHandler] })
export class PublicityModule {}
