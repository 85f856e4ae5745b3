// Straight to S3 through the presigned PUT: the SHA-256 computed here with WebCrypto, exactly the signed
// headers the API returned (the browser itself sets content-length and host), progress through XHR.

export async function sha256Base64(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let binary = "";
  digest.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}

/** Headers a page may not set itself; the browser sends them with the values the signature covers. */
const SET_BY_BROWSER = new Set(["content-length", "host"]);

export function putToStorage(
  url: string,
  headers: Record<string, string>,
  body: ArrayBuffer,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) {
      if (!SET_BY_BROWSER.has(name.toLowerCase())) {
        xhr.setRequestHeader(name, value);
      }
    }
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => reject(new Error("network error during upload"));
    xhr.send(body);
  });
}
