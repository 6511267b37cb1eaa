import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, type AuthSettings } from '@app/auth';
import { BreakGlassService } from './break-glass.service';
import { OrganisationService } from './organisation.service';
import { UsersAdminService } from './users-admin.service';

@Module({})
export class AccessModule {
  static forRoot(authSettings?: AuthSettings): DynamicModule {
    const auth = AuthModule.forRoot(authSettings);
    return {
      module: AccessModule,
      imports: [auth],
      providers: [OrganisationService, UsersAdminService, BreakGlassService],
      exports: [auth, OrganisationService, UsersAdminService, BreakGlassService],
    };
  }
}
