use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Title (plain text).
    pub title: AttrValue,
    /// Subtitle (plain text).
    #[prop_or_default]
    pub subtitle: Option<AttrValue>,
}

/// The view title (focus target when a view has no field) and optional subtitle.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    html! {
        <>
            <h2 class="authn-title" tabindex="-1">{ props.title.clone() }</h2>
            if let Some(subtitle) = &props.subtitle {
                <p class="authn-subtitle">{ subtitle.clone() }</p>
            }
        </>
    }
}
