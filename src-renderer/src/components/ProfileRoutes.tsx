import type { ProfileView } from "../../../src-shared/host-api";

/**
 * Issue 13 §3: the profile's routes in the order they are tried (read only; `clawlink profiles edit
 * --add-route / --remove-route` changes them). Nothing is shown for a profile with one route.
 */
export function ProfileRoutes({ profile }: { profile: ProfileView }) {
  if (!profile.routes || profile.routes.length < 2) return null;
  return (
    <section aria-label="Routes">
      <h3>Routes</h3>
      <p className="muted small">Tried in this order: the first that answers is used, and route 1 is checked quietly and returned to when it answers again.</p>
      <ol data-testid="profile-routes">
        {profile.routes.map((r, i) => (
          <li key={`${i}-${r}`}>
            <code>{r}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
