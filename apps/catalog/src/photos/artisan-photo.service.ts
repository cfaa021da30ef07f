import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArtisanPhotoView, Caller, PhotoRenditions } from '@pk/contracts';
import { newId } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { Artisan, StoredPhoto } from '../artisans/artisan.entity';
import { PhotoIntake } from './photo-intake';

/** The artisan's profile photo, part of the application, so any status may set it. */
@Injectable()
export class ArtisanPhotoService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly intake: PhotoIntake,
  ) {}

  /** Replaces the caller's shop photo with the upload at `incomingKey`; the old files go after. */
  async set(caller: Caller, incomingKey: string): Promise<{ photo: ArtisanPhotoView }> {
    const artisan = await this.access.own(caller);
    const stored = await this.intake.render(incomingKey, `artisans/${artisan.id}/${newId()}`);
    const previous = await this.intake.keepIf(stored, () =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(Artisan);
        const locked = await repo.findOneOrFail({ where: { id: artisan.id }, lock: { mode: 'pessimistic_write' } });
        await tx.query(`UPDATE catalog.artisans SET photo = $2, updated_at = now() WHERE id = $1`, [artisan.id, stored]);
        return locked.photo;
      }),
    );
    if (previous) await this.intake.discard(Object.values(previous.keys));
    return { photo: this.view(stored) };
  }

  private view(photo: StoredPhoto): ArtisanPhotoView {
    return { width: photo.width, height: photo.height, urls: this.intake.urls(photo.keys) };
  }
}
