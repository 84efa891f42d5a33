// Component tests run beside other projects on two cores: give async queries room, not a race.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
