import { Module } from '@nestjs/common';
import { EvidenceReader } from './evidence-reader';

/** The evidence reader alone, for contexts that read experiments' evidence without the rest of experiments. */
@Module({ providers: [EvidenceReader], exports: [EvidenceReader] })
export class EvidenceModule {}
