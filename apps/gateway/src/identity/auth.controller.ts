import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@pk/contracts';
import { CurrentCaller, Public } from '../auth/auth.decorators';
import { LoginDto, RefreshDto, RegisterDto } from './dto/auth.dto';
import { Documents } from '../rpc/forwards';
import { sessionSchema, userViewSchema } from './identity-views';
import { IdentityService, Session, UserView } from './identity.service';
import { RegistrationThrottle } from './registration-throttle';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly registrations: RegistrationThrottle,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Create a buyer account and sign in; at most REGISTER_MAX_PER_IP per address per window (429 registration_throttled, Retry-After).' })
  @Documents({ reply: sessionSchema })
  async register(@Body() dto: RegisterDto, @Ip() ip: string): Promise<Session> {
    await this.registrations.take(ip);
    return this.identity.register(dto);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; failed attempts are throttled per account and per address.' })
  @Documents({ reply: sessionSchema })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<Session> {
    return this.identity.login(dto.email, dto.password, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new access token and the next refresh token.' })
  @Documents({ reply: sessionSchema })
  refresh(@Body() dto: RefreshDto): Promise<Session> {
    return this.identity.refreshSession(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out the session this refresh token belongs to.' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.identity.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user.' })
  @Documents({ reply: userViewSchema })
  me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return this.identity.me(caller);
  }
}
