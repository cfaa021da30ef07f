import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { HomePatterns, HomeReply } from '@pk/contracts';
import { HomeService } from './home.service';

/** The public home page. */
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @MessagePattern(HomePatterns.get)
  get(): Promise<HomeReply> {
    return this.home.get();
  }
}
