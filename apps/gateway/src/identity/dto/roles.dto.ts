import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ALL_ROLES, Role } from '@pk/contracts';

export class SetRolesDto {
  @ApiProperty({ enum: ALL_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_ROLES.length)
  @ArrayUnique()
  @IsIn(ALL_ROLES, { each: true, message: `each role must be one of: ${ALL_ROLES.join(', ')}` })
  roles: Role[];
}
