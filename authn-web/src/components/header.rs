use yew::html::IntoPropValue;
use yew::prelude::*;

/// The view title (focus target when a view has no field) and optional subtitle (plain text).
pub fn header(
    title: impl IntoPropValue<AttrValue>,
    subtitle: impl IntoPropValue<Option<AttrValue>>,
) -> Html {
    let title: AttrValue = title.into_prop_value();
    let subtitle: Option<AttrValue> = subtitle.into_prop_value();
    html! {
        <>
            <h2 class="authn-title" tabindex="-1">{ title }</h2>
            if let Some(subtitle) = subtitle {
                <p class="authn-subtitle">{ subtitle }</p>
            }
        </>
    }
}
