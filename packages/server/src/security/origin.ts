/**
 * The origin of CITYPATH_PUBLIC_URL (the address browsers use, e.g. https://city.example behind a TLS proxy):
 * the origin state-changing requests must come from. Undefined when the variable is not set.
 */
export function publicOrigin(publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  let u: URL;
  try {
    u = new URL(publicUrl);
  } catch {
    throw new Error(`CITYPATH_PUBLIC_URL must be an absolute http(s) URL, not "${publicUrl}".`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new Error(`CITYPATH_PUBLIC_URL must be an http(s) URL, not "${publicUrl}".`);
  return u.origin;
}
