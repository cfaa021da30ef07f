import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, OrdersPatterns } from '@pk/contracts';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** Your address book (the orders app checks the fields: province, phone, postal code). */
@ApiTags('addresses')
@ApiBearerAuth()
@Controller('addresses')
export class AddressesController {
  constructor(private readonly orders: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Your addresses, the default first.' })
  @Forwards(OrdersPatterns.addressList)
  list(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.addressList, {}, caller, rid);
  }

  @Post()
  @ApiOperation({ summary: 'Add an address: recipient, phone, street, district, city, province, postalCode, label?, isDefault? (at most 20).' })
  @Forwards(OrdersPatterns.addressCreate)
  create(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.addressCreate, body, caller, rid);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an address, or make it the default ({ isDefault: true }).' })
  @Forwards(OrdersPatterns.addressUpdate)
  update(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.addressUpdate, { ...body, id }, caller, rid);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an address (the newest remaining becomes the default if it was).' })
  @Forwards(OrdersPatterns.addressDelete)
  async remove(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    await this.orders.send(OrdersPatterns.addressDelete, { id }, caller, rid);
  }
}
