import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '@miroir/shared/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'membre1@miroir.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'miroir-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
