/**
 * Findings photos in Blob storage (docs/findings.md, docs/privacy.md): container `findings-images`
 * (private), one blob per photo named `{tenant}/{surveyId}/{random}.{jpg|png}`, so a survey's photos
 * are one prefix (deleted together by retention) and every name starts with the tenant.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { PhotoStore } from '../../domain/findings/photos';
import { idPart, tenantPart } from '../shared/keys';

const NAME = /^[0-9a-f-]{36}\/[0-9a-f]{24}\.(jpg|png)$/i;

export class BlobPhotoStore implements PhotoStore {
  constructor(private readonly container: ContainerClient) {}

  private blobName(tenantId: string, name: string): string {
    if (!NAME.test(name)) throw new Error('not a photo name');
    return `${tenantPart(tenantId)}/${name}`;
  }

  async put(tenantId: string, name: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.container
      .getBlockBlobClient(this.blobName(tenantId, name))
      .uploadData(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { blobHTTPHeaders: { blobContentType: contentType } });
  }

  async get(tenantId: string, name: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
    if (!NAME.test(name)) return undefined;
    const blob = this.container.getBlockBlobClient(this.blobName(tenantId, name));
    try {
      const bytes = await blob.downloadToBuffer();
      const props = await blob.getProperties();
      return { bytes, contentType: props.contentType ?? 'application/octet-stream' };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    if (!NAME.test(name)) return false;
    return (await this.container.getBlockBlobClient(this.blobName(tenantId, name)).deleteIfExists()).succeeded;
  }

  async list(tenantId: string, surveyId: string): Promise<string[]> {
    const prefix = `${tenantPart(tenantId)}/${idPart(surveyId)}/`;
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix })) names.push(blob.name.slice(tenantPart(tenantId).length + 1));
    return names;
  }

  async removeForSurvey(tenantId: string, surveyId: string): Promise<number> {
    let removed = 0;
    for (const name of await this.list(tenantId, surveyId)) if (await this.remove(tenantId, name)) removed++;
    return removed;
  }
}
