import {
  COLLECTIVITE_TYPES,
  POPULATION_BANDS,
  type CollectiviteType,
  type MemberProfile,
  type PopulationBand,
} from '@miroir/shared/contracts';
import { useTranslation, type TFunction } from '@miroir/web/i18n';
import { SelectField, TextField } from '@miroir/web/ui';

export interface ProfileFormValues {
  displayName: string;
  jobTitle: string;
  collectivite: string;
  collectiviteType: string;
  populationBand: string;
}

export type ProfileField = keyof ProfileFormValues;

export const EMPTY_PROFILE: ProfileFormValues = {
  displayName: '',
  jobTitle: '',
  collectivite: '',
  collectiviteType: '',
  populationBand: '',
};

export function profileToForm(profile: MemberProfile): ProfileFormValues {
  return {
    displayName: profile.displayName,
    jobTitle: profile.jobTitle ?? '',
    collectivite: profile.collectivite ?? '',
    collectiviteType: profile.collectiviteType ?? '',
    populationBand: profile.populationBand ?? '',
  };
}

/** Trimmed request values; empty optional fields are sent as null. */
export function formToProfile(values: ProfileFormValues): MemberProfile {
  const orNull = (value: string) => value.trim() || null;
  return {
    displayName: values.displayName.trim(),
    jobTitle: orNull(values.jobTitle),
    collectivite: orNull(values.collectivite),
    collectiviteType: (values.collectiviteType || null) as CollectiviteType | null,
    populationBand: (values.populationBand || null) as PopulationBand | null,
  };
}

export function validateProfile(values: ProfileFormValues, t: TFunction) {
  const errors: Partial<Record<ProfileField, string>> = {};
  if (!values.displayName.trim()) errors.displayName = t('validation.required');
  else if (values.displayName.trim().length > 120) errors.displayName = t('validation.maxLength', { max: 120 });
  if (values.jobTitle.trim().length > 120) errors.jobTitle = t('validation.maxLength', { max: 120 });
  if (values.collectivite.trim().length > 200) errors.collectivite = t('validation.maxLength', { max: 200 });
  return errors;
}

export interface ProfileFieldsProps {
  values: ProfileFormValues;
  errors: Partial<Record<string, string>>;
  onChange: (field: ProfileField, value: string) => void;
}

/** Identity and collectivité fields shared by the invitation and « Mon profil » forms. */
export function ProfileFields({ values, errors, onChange }: ProfileFieldsProps) {
  const { t } = useTranslation();
  const optional = t('common.optional');
  return (
    <>
      <fieldset className="fieldset">
        <legend>{t('profile.identity')}</legend>
        <TextField
          label={t('profile.displayName')}
          hint={t('profile.displayNameHint')}
          name="displayName"
          autoComplete="name"
          required
          value={values.displayName}
          onChange={(event) => onChange('displayName', event.target.value)}
          error={errors['displayName']}
        />
        <TextField
          label={t('profile.jobTitle')}
          hint={t('profile.jobTitleHint')}
          optionalLabel={optional}
          name="jobTitle"
          autoComplete="organization-title"
          value={values.jobTitle}
          onChange={(event) => onChange('jobTitle', event.target.value)}
          error={errors['jobTitle']}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('profile.organisation')}</legend>
        <TextField
          label={t('profile.collectivite')}
          hint={t('profile.collectiviteHint')}
          optionalLabel={optional}
          name="collectivite"
          autoComplete="organization"
          value={values.collectivite}
          onChange={(event) => onChange('collectivite', event.target.value)}
          error={errors['collectivite']}
        />
        <div className="field-row">
          <SelectField
            label={t('profile.collectiviteType')}
            optionalLabel={optional}
            name="collectiviteType"
            placeholder={t('common.chooseOption')}
            options={COLLECTIVITE_TYPES.map((type) => ({ value: type, label: t(`collectiviteTypes.${type}`) }))}
            value={values.collectiviteType}
            onChange={(event) => onChange('collectiviteType', event.target.value)}
            error={errors['collectiviteType']}
          />
          <SelectField
            label={t('profile.populationBand')}
            optionalLabel={optional}
            name="populationBand"
            placeholder={t('common.chooseOption')}
            options={POPULATION_BANDS.map((band) => ({ value: band, label: t(`populationBands.${band}`) }))}
            value={values.populationBand}
            onChange={(event) => onChange('populationBand', event.target.value)}
            error={errors['populationBand']}
          />
        </div>
      </fieldset>
    </>
  );
}
