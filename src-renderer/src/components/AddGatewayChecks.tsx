import { existingProfileFor, type AddCandidate } from "../add-form-model";
import { useStore } from "../store";

/** The gateway being added is already a profile: say which, and offer to open it instead. */
export function AlreadyAProfile({ candidate }: { candidate: AddCandidate }) {
  const profiles = useStore((s) => s.profiles);
  const select = useStore((s) => s.select);
  const setTab = useStore((s) => s.setTab);
  const existing = existingProfileFor(candidate, profiles);
  if (!existing) return null;
  return (
    <div className="callout warn" role="status" aria-label="Already a profile" data-testid="already-a-profile">
      <p>
        <strong>{existing.name}</strong> already reaches this gateway. Adding it again makes a second profile with its own secrets and pairing.
      </p>
      <button
        type="button"
        onClick={() => {
          select(existing.id);
          setTab("status");
        }}
      >
        Open {existing.name}
      </button>
    </div>
  );
}

/** Said once a pasted link's #token= was taken out of the URL field (it is in the masked token field now). */
export function TokenMovedNote({ shown }: { shown: boolean }) {
  return shown ? (
    <p className="muted" role="status" data-testid="token-moved">
      The link's token was taken out of the URL and put in the token field (hidden); it is stored in the keychain when you add the gateway.
    </p>
  ) : null;
}
