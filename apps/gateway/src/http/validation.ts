import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, isUuid } from '@pk/core';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens class-validator's tree into one entry per field, with dotted paths for nesting. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/** Unknown fields are refused, types are checked, and each bad field is named in `details`. */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly inner = validationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const isDto = metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (isDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new DomainError(ErrorCode.validationFailed, 'The request body must be a JSON object.');
    }
    return this.inner.transform(value, metadata);
  }
}

function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = fieldErrors(errors);
      const names = details.map((d) => d.field).join(', ');
      return new DomainError(ErrorCode.validationFailed, `Please correct: ${names}.`, details as unknown as Record<string, unknown>[]);
    },
  });
}

/** Path ids must be UUIDs; anything else is a 400 naming the parameter, not a lookup. */
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!isUuid(value)) {
      throw new DomainError(ErrorCode.validationFailed, `${this.name} must be a UUID.`, [
        { field: this.name, messages: [`${this.name} must be a UUID`] },
      ]);
    }
    return value;
  }
}

