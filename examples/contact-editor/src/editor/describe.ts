/** A form field as a line of text, to compare two versions side by side. */
import type { EditableField, PersonForm } from './form';

/** One field of a form as a line of text, to compare two versions side by side. */
export function describeField(
  field: EditableField,
  form: PersonForm,
  groupName: (resourceName: string) => string,
): string {
  const join = (parts: readonly string[]) => parts.filter((p) => p.trim() !== '').join(' ');
  const typed = (value: string, type: string) =>
    type.trim() === '' ? value : `${value} (${type})`;
  const list = (items: readonly string[]) => (items.length === 0 ? '(none)' : items.join('; '));
  switch (field) {
    case 'names': {
      const n = form.names;
      const name = join([
        n.honorificPrefix,
        n.givenName,
        n.middleName,
        n.familyName,
        n.honorificSuffix,
      ]);
      return name === '' ? '(none)' : name;
    }
    case 'emailAddresses':
      return list(
        form.emailAddresses.filter((e) => e.value !== '').map((e) => typed(e.value, e.type)),
      );
    case 'phoneNumbers':
      return list(
        form.phoneNumbers.filter((p) => p.value !== '').map((p) => typed(p.value, p.type)),
      );
    case 'addresses':
      return list(
        form.addresses.map((a) =>
          typed(
            [a.streetAddress, a.extendedAddress, a.postalCode, a.city, a.region, a.country]
              .filter((p) => p.trim() !== '')
              .join(', '),
            a.type,
          ),
        ),
      );
    case 'birthdays': {
      const { year, month, day } = form.birthdays;
      if (month === '' && day === '' && year === '') return '(none)';
      return [
        year === '' ? '----' : year.padStart(4, '0'),
        month.padStart(2, '0'),
        day.padStart(2, '0'),
      ].join('-');
    }
    case 'biographies':
      return form.biographies.value === '' ? '(none)' : form.biographies.value;
    case 'memberships':
      return list(form.memberships.map(groupName));
  }
}
