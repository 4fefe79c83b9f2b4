import Intercom, { shutdown, update } from "@parley/messenger/sdk";
import { useEffect } from "react";
import { useLocation } from "react-router-dom";

/** Your Parley server and app (the same two values the paste-in snippet uses). */
const PARLEY = { app_id: "demo", api_base: "https://chat.example.com" } as const;

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  /** Computed by your backend: hex(HMAC-SHA256(identity secret, id)). */
  userHash: string;
}

/**
 * Put once near the root, inside the router: boots the Messenger for whoever is signed in,
 * shuts it down when they sign out (so the next person never sees their conversations), and
 * tells it about every page change.
 */
export function Messenger({ user }: { user: SignedInUser | null }) {
  useEffect(() => {
    Intercom(
      user
        ? {
            ...PARLEY,
            user_id: user.id,
            name: user.name,
            email: user.email,
            created_at: Math.floor(user.createdAt.getTime() / 1000),
            user_hash: user.userHash,
          }
        : PARLEY,
    );
    return () => shutdown();
  }, [user?.id]);

  const { pathname } = useLocation();
  useEffect(() => {
    update({ last_request_at: Math.floor(Date.now() / 1000) });
  }, [pathname]);

  return null;
}
