import { show } from "@parley/messenger/sdk";
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Link, Route, Routes } from "react-router-dom";
import { Messenger, type SignedInUser } from "../../examples/react/Messenger";
import { appRoot, testUser } from "./shell";

/** A shop with two pages and sign-in: <Messenger user={…} /> sits inside the router, as its README says. */
function Shop() {
  const [user, setUser] = useState<SignedInUser | null>(null);
  const signIn = () => {
    const given = testUser();
    setUser({ id: given.user_id, name: given.name, email: given.email, createdAt: new Date(0), userHash: given.user_hash });
  };
  return (
    <BrowserRouter basename="/react">
      <Messenger user={user} />
      <nav>
        <Link to="/">Home</Link> <Link to="/orders">Orders</Link>{" "}
        {user ? <button onClick={() => setUser(null)}>Sign out</button> : <button onClick={signIn}>Sign in</button>}{" "}
        <button onClick={() => show()}>Chat with us</button>
      </nav>
      <Routes>
        <Route path="/" element={<h1>Welcome</h1>} />
        <Route path="/orders" element={<h1>Your orders</h1>} />
      </Routes>
    </BrowserRouter>
  );
}

createRoot(appRoot()).render(<Shop />);
