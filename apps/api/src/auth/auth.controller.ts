import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { authError, AuthErrorCode, AuthService, SessionStage, type IssuedSession } from '@app/auth';
import { Permission } from '@app/contracts';
import { AppConfig, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { EmptyBody } from '../http/empty-body.pipe';
import { NoTransaction, PreAuth, Public, RequirePermission } from '../http/public.decorator';
import type { AuthenticatedRequest } from '../http/session.guard';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../http/session-cookie';
import { Ctx } from '../http/transaction.interceptor';
import {
  EnrolmentConfirmResponseDto,
  EnrolmentResponseDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  MfaCodeDto,
  PasswordChangeDto,
  PasswordResetDto,
} from './auth.dto';
import { LocalAuthGuard } from './local-auth.guard';

function signedIn(request: AuthenticatedRequest): { sessionId: string; userId: string; stage: SessionStage } {
  if (!request.session || !request.account) throw authError(AuthErrorCode.Unauthenticated);
  return { sessionId: request.session.id, userId: request.account.id, stage: request.session.stage };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @NoTransaction()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Sets the session cookie; says what comes next' })
  login(
    @Req() request: AuthenticatedRequest & { user: IssuedSession },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): LoginResponseDto {
    setSessionCookie(reply, this.config, request.user.token);
    return { next: request.user.stage };
  }

  @Post('mfa')
  @PreAuth()
  @RequirePermission(Permission.Self)
  @NoTransaction()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  async mfa(
    @Req() request: AuthenticatedRequest,
    @Body() body: MfaCodeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const token = readSessionCookie(request, this.config) ?? '';
    const issued = await this.auth.verifySecondFactor(token, body.code, {
      clientAddress: request.ip,
      requestId: request.id,
    });
    setSessionCookie(reply, this.config, issued.token);
    return { next: 'done' };
  }

  @Post('mfa/enrolment')
  @PreAuth()
  @RequirePermission(Permission.Self)
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolmentResponseDto })
  enrol(
    @Ctx() ctx: RequestContext,
    @Req() request: AuthenticatedRequest,
    @Body(EmptyBody) _body: unknown,
  ): Promise<EnrolmentResponseDto> {
    const { userId, stage } = signedIn(request);
    // During the second step (an enrolled account), only the code may be given: re-enrolling there
    // would let a password alone replace the second factor.
    if (stage === SessionStage.Mfa) throw authError(AuthErrorCode.MfaNotPending);
    return this.auth.startEnrolment(ctx, userId);
  }

  @Post('mfa/enrolment/confirm')
  @PreAuth()
  @RequirePermission(Permission.Self)
  @NoTransaction()
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolmentConfirmResponseDto })
  async confirm(
    @Req() request: AuthenticatedRequest,
    @Body() body: MfaCodeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrolmentConfirmResponseDto> {
    const { userId, stage } = signedIn(request);
    if (stage === SessionStage.Mfa) throw authError(AuthErrorCode.MfaNotPending);
    const { recoveryCodes, issued } = await this.auth.confirmEnrolment(userId, body.code, {
      clientAddress: request.ip,
      requestId: request.id,
    });
    setSessionCookie(reply, this.config, issued.token);
    return { recoveryCodes, next: 'done' };
  }

  @Post('logout')
  @PreAuth()
  @RequirePermission(Permission.Self)
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(
    @Ctx() ctx: RequestContext,
    @Req() request: AuthenticatedRequest,
    @Body(EmptyBody) _body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { sessionId } = signedIn(request);
    await this.auth.logout(ctx, sessionId);
    clearSessionCookie(reply, this.config);
  }

  @Post('password')
  @RequirePermission(Permission.Self)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; the other sessions of the user are ended' })
  async changePassword(
    @Ctx() ctx: RequestContext,
    @Req() request: AuthenticatedRequest,
    @Body() body: PasswordChangeDto,
  ): Promise<void> {
    const { userId, sessionId } = signedIn(request);
    await this.auth.changePassword(ctx, userId, sessionId, body.currentPassword, body.newPassword);
  }

  @Post('reset')
  @Public()
  @NoTransaction()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set from a reset link; every session of the account ended' })
  async reset(@Req() request: AuthenticatedRequest, @Body() body: PasswordResetDto): Promise<void> {
    await this.auth.resetPassword(body.token, body.newPassword, { clientAddress: request.ip, requestId: request.id });
  }
}

@ApiTags('auth')
@Controller('me')
export class MeController {
  @Get()
  @PreAuth()
  @RequirePermission(Permission.Self)
  @NoTransaction()
  @ApiOkResponse({ type: MeDto })
  me(@Req() request: AuthenticatedRequest): MeDto {
    const account = request.account;
    const session = request.session;
    if (!account || !session) throw authError(AuthErrorCode.Unauthenticated);
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      roles: [...(request.actor?.roles ?? [])],
      associationId: account.associationId,
      mfaEnabled: account.mfaEnabled,
      mfaRequired: account.mfaRequired,
      csrfToken: session.csrfToken,
      stage: session.stage,
    };
  }
}
