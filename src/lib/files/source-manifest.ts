/**
 * Reads `sources.json` beside the page, if the site put one there. A missing manifest is no
 * manifest; one that is not JSON, or too big to be a list of files, says so.
 */

const MAX_MANIFEST_BYTES = 4 * 1024 ** 2;

export type ManifestRead = { json: unknown } | { problem: string } | null;

export async function readManifest(url: URL): Promise<ManifestRead> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  } catch {
    return null;
  }
  if (response.status === 404) return null;
  if (!response.ok) return { problem: `sources.json: the server answered ${response.status}` };
  const text = await response.text();
  if (text.length > MAX_MANIFEST_BYTES)
    return {
      problem: `sources.json: ${text.length.toLocaleString('en-US')} characters, past the 4 MB a manifest may have`,
    };
  if (text.trim() === '') return null;
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return {
      problem: `sources.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
