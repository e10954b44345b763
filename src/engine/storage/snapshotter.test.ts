import { Snapshotter } from './snapshotter';
import { Random } from '../kernel/random';
import { describeSnapshotter } from './testsuite/snapshotter';

describeSnapshotter('overlay2 snapshotter', () => new Snapshotter(() => Date.UTC(2026, 0, 1), new Random(7)));
