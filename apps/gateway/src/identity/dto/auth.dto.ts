import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';

// With stopAtFirstError, class-validator runs a field's decorators bottom-up: the most basic
// check (present, right type) sits lowest, so a person sees the message that matters first.
const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const required = (field: string) => IsDefined({ message: `${field} is required` });

export class RegisterDto {
  @ApiProperty({ example: 'wayan@example.com' })
  @Transform(trimLower)
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  @required('email')
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @IsString({ message: 'password must be a string' })
  @required('password')
  password: string;

  @ApiProperty({ example: 'Wayan Sudarsana' })
  @Transform(trim)
  @Length(1, 80, { message: 'displayName must be 1 to 80 characters' })
  @IsString({ message: 'displayName must be a string' })
  @required('displayName')
  displayName: string;
}

export class LoginDto {
  @ApiProperty()
  @Transform(trimLower)
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  @required('email')
  email: string;

  @ApiProperty()
  @Length(1, 128, { message: 'password must be 1 to 128 characters' })
  @IsString({ message: 'password must be a string' })
  @required('password')
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @Length(16, 128, { message: 'refreshToken must be 16 to 128 characters' })
  @IsString({ message: 'refreshToken must be a string' })
  @required('refreshToken')
  refreshToken: string;
}
