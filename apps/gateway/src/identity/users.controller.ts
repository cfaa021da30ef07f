import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { SetRolesDto } from './dto/roles.dto';
import { Documents } from '../rpc/forwards';
import { userViewSchema } from './identity-views';
import { IdentityService, UserView } from './identity.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  @Put(':id/roles')
  @Roles(RoleNames.admin)
  @ApiOperation({ summary: "Set a user's roles (admins only)." })
  @Documents({ reply: userViewSchema })
  setRoles(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() dto: SetRolesDto): Promise<UserView> {
    return this.identity.setRoles(caller, id, dto.roles);
  }
}
