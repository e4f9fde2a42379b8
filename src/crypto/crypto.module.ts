import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PersonalDataCipher } from './personal-data.cipher';

@Module({
  providers: [
    {
      provide: PersonalDataCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PersonalDataCipher(config.personalData),
    },
  ],
  exports: [PersonalDataCipher],
})
export class CryptoModule {}
