import { DuplicateIndex } from '@ambidex/portfolio';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/** Every create searches for duplicates: the API loads the in-memory index as it starts, not at the first create. */
@Injectable()
export class DuplicateIndexWarmUp implements OnApplicationBootstrap {
  constructor(private readonly index: DuplicateIndex) {}

  onApplicationBootstrap(): void {
    this.index.warmUp();
  }
}
