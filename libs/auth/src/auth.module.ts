import { type DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsService } from './accounts.service';
import { AuthService } from './auth.service';
import { AuthSettings } from './auth.settings';
import { LocalStrategy } from './local.strategy';

@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings = new AuthSettings()): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule.register({ session: false })],
      providers: [{ provide: AuthSettings, useValue: settings }, AuthService, AccountsService, LocalStrategy],
      exports: [AuthSettings, AuthService, AccountsService],
    };
  }
}
