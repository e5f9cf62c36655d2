import { BackendError } from './backend/backend';

export const CUSTOMER_FIELDS = ['name', 'phone', 'email', 'address'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

function isCustomerField(value: string | null): value is CustomerField {
  return value !== null && (CUSTOMER_FIELDS as readonly string[]).includes(value);
}

/** Which form field an error belongs under; null for errors about the whole form. */
export function fieldOf(err: BackendError): CustomerField | null {
  if (isCustomerField(err.field)) return err.field;
  switch (err.code) {
    case 'invalid_phone':
    case 'duplicate_phone':
      return 'phone';
    case 'invalid_email':
      return 'email';
    default:
      return null;
  }
}
