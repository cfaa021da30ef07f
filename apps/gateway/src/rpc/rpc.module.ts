import { Global, Module } from '@nestjs/common';
import { ServiceClients } from '@pk/messaging';
import { RpcForwarder } from './rpc-forwarder';

@Global()
@Module({ providers: [ServiceClients, RpcForwarder], exports: [ServiceClients, RpcForwarder] })
export class RpcModule {}
