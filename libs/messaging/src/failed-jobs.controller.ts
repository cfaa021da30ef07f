import { Controller, Inject, OnModuleDestroy, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Roles, RpcEnvelope, ServiceName, failedJobsPattern, retryJobPattern } from '@pk/contracts';
import { APP_CONFIG, AppConfig, parseInput, requireCaller } from '@pk/core';
import { FailedJobs, failedJobsInput, retryJobInput } from './failed-jobs';

/** `<service>.jobs.failed` and `<service>.jobs.retry`, for curators. */
export function failedJobsController(service: ServiceName): Type<unknown> {
  @Controller()
  class FailedJobsController implements OnModuleDestroy {
    private readonly jobs: FailedJobs;

    constructor(@Inject(APP_CONFIG) config: AppConfig) {
      this.jobs = new FailedJobs(service, config.redisUrl, config.redisPrefix);
    }

    @MessagePattern(failedJobsPattern(service))
    list(@Payload() env: RpcEnvelope) {
      requireCaller(env, Roles.curator);
      return this.jobs.list(parseInput(failedJobsInput, env.data ?? {}));
    }

    @MessagePattern(retryJobPattern(service))
    retry(@Payload() env: RpcEnvelope) {
      requireCaller(env, Roles.curator);
      const { queue, id } = parseInput(retryJobInput, env.data);
      return this.jobs.retry(queue, id);
    }

    onModuleDestroy() {
      return this.jobs.close();
    }
  }
  return FailedJobsController;
}
