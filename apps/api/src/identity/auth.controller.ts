import { AuthenticationService, Principal } from '@ambidex/identity';
import { APP_CONFIG, AppConfig } from '@ambidex/platform';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal, Public } from '../auth/access.decorators';
import { ACCESS_COOKIE } from '../auth/credentials';
import { CSRF_COOKIE, newCsrfToken } from '../auth/csrf';
import { ApiProblems } from '../http/openapi.decorators';
import { LoginDto, MeDto, RefreshDto, TokensDto } from './identity.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthenticationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @ApiOperation({ summary: 'Sign in with email and password' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto, description: 'Also sets the access cookie for the web pages' })
  @ApiProblems(400, 401, 422, 429)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokensDto> {
    const tokens = await this.auth.login(body.email, body.password, request.ip);
    this.setCookie(reply, tokens.accessToken);
    return this.tokensDto(tokens);
  }

  @Post('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({
    type: TokensDto,
    description: 'A new access token and a new refresh token; the old refresh token stops working',
  })
  @ApiProblems(400, 401, 422)
  async refresh(@Body() body: RefreshDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokensDto> {
    const tokens = await this.auth.refresh(body.refreshToken);
    this.setCookie(reply, tokens.accessToken);
    return this.tokensDto(tokens);
  }

  @Post('logout')
  @ApiOperation({ summary: 'Sign out: revoke this session' })
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The session is revoked: its access and refresh tokens stop working. No body: there is no resource left to answer',
  })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(principal);
    void reply.header('set-cookie', [
      `${ACCESS_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
      `${CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0`,
    ]);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I' })
  @Authenticated()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return {
      userId: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      roles: principal.roles,
      via: principal.apiTokenId === null ? 'session' : 'api-token',
    };
  }

  private setCookie(reply: FastifyReply, accessToken: string): void {
    const secure = this.config.http.publicUrl.startsWith('https:') ? '; Secure' : '';
    const maxAge = this.config.auth.accessTokenTtlSeconds;
    // The CSRF cookie is readable by the page, which sends it back in a header on every write.
    void reply.header('set-cookie', [
      `${ACCESS_COOKIE}=${accessToken}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
      `${CSRF_COOKIE}=${newCsrfToken()}; Path=/; SameSite=Strict; Max-Age=${maxAge}${secure}`,
    ]);
  }

  private tokensDto(tokens: TokensDto): TokensDto {
    const { accessToken, accessTokenExpiresAt, refreshToken, sessionExpiresAt } = tokens;
    return { accessToken, accessTokenExpiresAt, refreshToken, sessionExpiresAt };
  }
}
