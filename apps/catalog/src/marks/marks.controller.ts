import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CurationPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { MarksService } from './marks.service';

@Controller()
export class MarksController {
  constructor(private readonly marks: MarksService) {}

  /** Public: the kinds of marks, for filters and legends. */
  @MessagePattern(CurationPatterns.markTypes)
  types() {
    return this.marks.types();
  }

  @MessagePattern(CurationPatterns.markGrant)
  grant(@Payload() env: RpcEnvelope) {
    return this.marks.grant(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CurationPatterns.markRevoke)
  revoke(@Payload() env: RpcEnvelope) {
    return this.marks.revoke(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CurationPatterns.markList)
  list(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.marks.list(env.data);
  }
}
