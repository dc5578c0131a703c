import { useId, useState } from 'react';
import { hrefOf } from '../route';
import { CreateGroupForm } from './CreateGroupForm';
import { DeleteGroup } from './DeleteGroup';
import { RenameGroupForm } from './RenameGroupForm';
import { groupLabel, useContactGroups, type Group } from './useContactGroups';

const countOf = (group: Group) =>
  group.memberCount === 1 ? '1 contact' : `${group.memberCount} contacts`;

/** The user's contact groups: create, rename (at the etag read), delete; system groups listed. */
export function GroupsView() {
  const { all, loading } = useContactGroups();
  const [notice, setNotice] = useState<string | null>(null);
  const id = useId();
  const own = all.filter((g) => g.groupType === 'USER_CONTACT_GROUP');
  const system = all.filter((g) => g.groupType !== 'USER_CONTACT_GROUP');
  return (
    <section aria-labelledby={`${id}-title`}>
      <div className="view-header">
        <h1 id={`${id}-title`}>Contact groups</h1>
        <a href={hrefOf({ view: 'list' })}>Back to the list</a>
      </div>
      <CreateGroupForm onCreated={setNotice} />
      <p role="status" className="notice">
        {notice}
      </p>
      {loading && <p role="status">Loading groups…</p>}
      <h2 id={`${id}-own`}>Your groups</h2>
      <ul className="group-list" aria-labelledby={`${id}-own`}>
        {own.map((group) => (
          <GroupRow key={group.resourceName} group={group} onNotice={setNotice} />
        ))}
      </ul>
      <h2 id={`${id}-system`}>System groups</h2>
      <p className="hint">Google’s own groups: they cannot be renamed or deleted.</p>
      <ul className="group-list" aria-labelledby={`${id}-system`}>
        {system.map((group) => (
          <li key={group.resourceName}>
            <a href={hrefOf({ view: 'list', group: group.resourceName })}>{groupLabel(group)}</a>
            <span className="hint">{countOf(group)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function GroupRow({ group, onNotice }: { group: Group; onNotice: (notice: string) => void }) {
  const [renaming, setRenaming] = useState(false);
  const label = groupLabel(group);
  if (renaming) {
    return (
      <li>
        <RenameGroupForm
          group={group}
          onDone={(notice) => {
            setRenaming(false);
            if (notice !== null) onNotice(notice);
          }}
        />
      </li>
    );
  }
  return (
    <li>
      <a href={hrefOf({ view: 'list', group: group.resourceName })}>{label}</a>
      <span className="hint">{countOf(group)}</span>
      <button
        type="button"
        className="secondary"
        aria-label={`Rename ${label}`}
        onClick={() => {
          setRenaming(true);
        }}
      >
        Rename
      </button>
      <DeleteGroup group={group} onDeleted={onNotice} />
    </li>
  );
}
