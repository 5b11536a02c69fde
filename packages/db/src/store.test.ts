import { storeContract } from "./store.contract.ts";
import { testDatabaseKinds } from "./testing.ts";

for (const kind of testDatabaseKinds()) storeContract(kind);
