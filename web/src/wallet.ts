// An injected EIP-1193 wallet (window.ethereum): the account, and personal_sign of the server's challenge.

interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export function injectedWallet(): Eip1193Provider | null {
  const candidate = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
  return candidate && typeof candidate.request === "function" ? candidate : null;
}

function utf8Hex(text: string): string {
  return "0x" + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function firstAccount(wallet: Eip1193Provider): Promise<string> {
  const accounts = (await wallet.request({ method: "eth_requestAccounts" })) as string[];
  if (!accounts?.length) {
    throw new Error("the wallet shared no account");
  }
  return accounts[0];
}

export async function personalSign(wallet: Eip1193Provider, message: string, address: string): Promise<string> {
  return (await wallet.request({ method: "personal_sign", params: [utf8Hex(message), address] })) as string;
}
