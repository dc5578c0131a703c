import { displayName, shownPhoto, type Person } from '../person';
import { hrefOf } from '../route';
import type { Selection } from './useSelection';

/** Contacts as links to their editor, each with a checkbox to select it. */
export function ContactRows({ persons, selection }: { persons: Person[]; selection: Selection }) {
  return (
    <ul className="contact-list" aria-label="Contacts">
      {persons.map((person) => {
        const name = displayName(person);
        return (
          <li key={person.resourceName}>
            <input
              type="checkbox"
              aria-label={`Select ${name}`}
              checked={selection.names.has(person.resourceName)}
              onChange={(event) => {
                selection.toggle(person, event.target.checked);
              }}
            />
            <a href={hrefOf({ view: 'edit', resourceName: person.resourceName })}>
              <Avatar person={person} />
              <span className="contact-name">{name}</span>
              <span className="contact-detail">
                {person.emailAddresses[0]?.value ?? person.phoneNumbers[0]?.value ?? ''}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Avatar({ person }: { person: Person }) {
  const photo = shownPhoto(person);
  // Decorative: the name next to it says who it is.
  return photo ? <img className="avatar" src={photo.url} alt="" width={32} height={32} /> : null;
}
